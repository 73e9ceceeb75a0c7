package conns

import (
	"context"
	"fmt"

	cloudaudit "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
)

// cloudAuditClient returns the provider's one CloudAudit client. Unlike the
// Alibaba client, the Tencent client is safe for concurrent use: Send only
// reads the client (profile, credential, http.Client) and writes to the
// request, and every call builds its own request. So it is shared, not
// pooled.
func (c *Client) cloudAuditClient() (*cloudaudit.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.clients[ProductCloudAudit]; ok {
		return v.(*cloudaudit.Client), nil //nolint:forcetypeassert // the key determines the type
	}
	cred, cpf, region, err := c.TencentProfile(ProductCloudAudit)
	if err != nil {
		return nil, err
	}
	cl, err := cloudaudit.NewClient(cred, region, cpf)
	if err != nil {
		return nil, fmt.Errorf("configuring the CloudAudit client: %w", err)
	}
	cl.WithHttpTransport(c.newTencentTransport())
	c.clients[ProductCloudAudit] = cl
	return cl, nil
}

// CloudAudit makes one Tencent CloudAudit call (see Invoke). call gets the
// shared client and the attempt's context, for the SDK's ...WithContext
// methods.
func CloudAudit[T any](ctx context.Context, c *Client, action string, call func(context.Context, *cloudaudit.Client) (T, error)) (T, error) {
	cl, err := c.cloudAuditClient()
	if err != nil {
		var zero T
		return zero, c.redactErr(err)
	}
	return invoke(ctx, c, c.tcSess, ProductCloudAudit, action, func(actx context.Context) (T, error) {
		// The SDK's ReqTimeout counts whole seconds; the attempt's own
		// context bounds it exactly (AttemptTimeout below a second too).
		if c.tuning.AttemptTimeout > 0 {
			var cancel context.CancelFunc
			actx, cancel = context.WithTimeout(actx, c.tuning.AttemptTimeout)
			defer cancel()
		}
		return call(actx, cl)
	})
}
