package acctest

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// DataSourceReader runs a data source's Read the way the provider server
// does for `terraform plan`/`apply` (config in, state out, the state
// encoded as msgpack for the wire), without terraform: benchmarks measure
// the provider's own cost of a read (calls, CPU, allocations) with it.
type DataSourceReader struct {
	ds     datasource.DataSource
	schema tfsdk.Config
	typ    tftypes.Object
}

// NewDataSourceReader configures ds with client.
func NewDataSourceReader(ctx context.Context, ds datasource.DataSource, client *conns.Client) (*DataSourceReader, error) {
	if c, ok := ds.(datasource.DataSourceWithConfigure); ok {
		var resp datasource.ConfigureResponse
		c.Configure(ctx, datasource.ConfigureRequest{ProviderData: client}, &resp)
		if resp.Diagnostics.HasError() {
			return nil, fmt.Errorf("configuring: %v", resp.Diagnostics)
		}
	}
	var sresp datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
	if sresp.Diagnostics.HasError() {
		return nil, fmt.Errorf("schema: %v", sresp.Diagnostics)
	}
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("schema type is not an object")
	}
	return &DataSourceReader{ds: ds, schema: tfsdk.Config{Schema: sresp.Schema}, typ: typ}, nil
}

// Read reads with the configuration attrs (attributes not named are null)
// and returns the size of the encoded state.
func (r *DataSourceReader) Read(ctx context.Context, attrs map[string]tftypes.Value) (int, error) {
	vals := make(map[string]tftypes.Value, len(r.typ.AttributeTypes))
	for name, t := range r.typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	for name, v := range attrs {
		if _, ok := vals[name]; !ok {
			return 0, fmt.Errorf("no attribute %q", name)
		}
		vals[name] = v
	}
	config := r.schema
	config.Raw = tftypes.NewValue(r.typ, vals)
	req := datasource.ReadRequest{Config: config}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: config.Schema, Raw: tftypes.NewValue(r.typ, nil)}}
	r.ds.Read(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		return 0, fmt.Errorf("read: %v", resp.Diagnostics)
	}
	dv, err := tfprotov6.NewDynamicValue(r.typ, resp.State.Raw)
	if err != nil {
		return 0, fmt.Errorf("encoding the state: %w", err)
	}
	return len(dv.MsgPack), nil
}

// HeapPeak samples the Go heap (live and not yet swept objects) every
// millisecond between Start and Stop and reports the highest value: the
// part of a process's peak RSS a read is responsible for.
type HeapPeak struct {
	stop chan struct{}
	done sync.WaitGroup
	peak atomic.Uint64
}

const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

// StartHeapPeak starts sampling.
func StartHeapPeak() *HeapPeak {
	h := &HeapPeak{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		sample := []metrics.Sample{{Name: heapObjectsMetric}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > h.peak.Load() {
				h.peak.Store(v)
			}
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// Stop ends sampling and returns the peak in bytes.
func (h *HeapPeak) Stop() uint64 {
	close(h.stop)
	h.done.Wait()
	return h.peak.Load()
}
