package acctest

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// DataSourceReader reads data sources through the provider's protocol
// server, as terraform does for plan and apply (GetProviderSchema,
// ConfigureProvider, ReadDataSource with msgpack values), in this process
// and without terraform: benchmarks measure the provider's whole cost of
// a read (calls, CPU, allocations, memory) with it, the framework's work
// around the data source's Read included.
type DataSourceReader struct {
	server  tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

// NewDataSourceReader starts a provider with tuning, the server main
// serves (provider.NewServer), configured for the mock the way
// ProviderConfig is.
func (e *Env) NewDataSourceReader(ctx context.Context, tuning conns.Tuning) (*DataSourceReader, error) {
	server, err := provider.NewServer("bench", tuning)()
	if err != nil {
		return nil, err
	}
	return e.NewDataSourceReaderFor(ctx, server)
}

// NewDataSourceReaderFor is NewDataSourceReader with a given server (a
// test compares the framework's own server with the one main serves).
func (e *Env) NewDataSourceReaderFor(ctx context.Context, server tfprotov6.ProviderServer) (*DataSourceReader, error) {
	sresp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagsErr(sresp.Diagnostics); err != nil {
		return nil, err
	}
	endpoints := func(products []string) tftypes.Value {
		m := map[string]tftypes.Value{}
		for _, p := range products {
			m[p] = tftypes.NewValue(tftypes.String, e.Addr)
		}
		return tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, m)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	ptyp := sresp.Provider.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	aliType, ok1 := ptyp.AttributeTypes["alicloud"].(tftypes.Object)
	tcType, ok2 := ptyp.AttributeTypes["tencentcloud"].(tftypes.Object)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("the provider schema has no alicloud or tencentcloud block")
	}
	ali, err := objectWith(aliType, map[string]tftypes.Value{
		"access_key": str(mockcloud.DefaultAccessKeyID), "secret_key": str(mockcloud.DefaultAccessKeySecret),
		"region": str("cn-hangzhou"), "protocol": str(e.Protocol), "endpoints": endpoints(conns.AlicloudProducts),
	})
	if err != nil {
		return nil, err
	}
	tc, err := objectWith(tcType, map[string]tftypes.Value{
		"secret_id": str(mockcloud.DefaultSecretID), "secret_key": str(mockcloud.DefaultSecretKey),
		"region": str("ap-guangzhou"), "protocol": str(e.Protocol), "endpoints": endpoints(conns.TencentProducts),
	})
	if err != nil {
		return nil, err
	}
	config, err := objectWith(ptyp, map[string]tftypes.Value{"alicloud": ali, "tencentcloud": tc})
	if err != nil {
		return nil, err
	}
	dv, err := tfprotov6.NewDynamicValue(ptyp, config)
	if err != nil {
		return nil, err
	}
	cresp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &dv})
	if err != nil {
		return nil, err
	}
	if err := diagsErr(cresp.Diagnostics); err != nil {
		return nil, err
	}
	return &DataSourceReader{server: server, schemas: sresp.DataSourceSchemas}, nil
}

// Read reads data source typeName with the configuration attrs
// (attributes not named are null) and returns the size of the state
// terraform receives.
func (r *DataSourceReader) Read(ctx context.Context, typeName string, attrs map[string]tftypes.Value) (int, error) {
	resp, _, err := r.ReadResponse(ctx, typeName, attrs)
	if err != nil {
		return 0, err
	}
	if err := diagsErr(resp.Diagnostics); err != nil {
		return 0, err
	}
	return len(resp.State.MsgPack), nil
}

// ReadResponse reads data source typeName with the configuration attrs
// and returns the server's answer and the type of the data source's
// state (to decode the answer's State with).
func (r *DataSourceReader) ReadResponse(ctx context.Context, typeName string, attrs map[string]tftypes.Value) (*tfprotov6.ReadDataSourceResponse, tftypes.Object, error) {
	s, ok := r.schemas[typeName]
	if !ok {
		return nil, tftypes.Object{}, fmt.Errorf("no data source %s", typeName)
	}
	typ := s.ValueType().(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	config, err := objectWith(typ, attrs)
	if err != nil {
		return nil, typ, err
	}
	dv, err := tfprotov6.NewDynamicValue(typ, config)
	if err != nil {
		return nil, typ, err
	}
	resp, err := r.server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: &dv})
	return resp, typ, err
}

// objectWith is an object of typ whose attributes are attrs, the others null.
func objectWith(typ tftypes.Object, attrs map[string]tftypes.Value) (tftypes.Value, error) {
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	for name, v := range attrs {
		if _, ok := vals[name]; !ok {
			return tftypes.Value{}, fmt.Errorf("no attribute %q", name)
		}
		vals[name] = v
	}
	return tftypes.NewValue(typ, vals), nil
}

func diagsErr(diags []*tfprotov6.Diagnostic) error {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return nil
}

// MemoryMeter measures how far the Go heap grows during a piece of work:
// Start collects garbage and notes the heap, a sampler notes the largest
// heap every millisecond, Stop returns the growth. With the collector at
// GOGC=10 (Tight), the heap tracks what is live: in a benchmark the mock's
// own thousands of objects would otherwise set the collector's pace, which
// in the provider process they do not.
type MemoryMeter struct {
	base uint64
	stop chan struct{}
	done sync.WaitGroup
	peak atomic.Uint64
}

const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: heapObjectsMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TightGC runs the collector at GOGC=10 until the returned func is called.
func TightGC() (restore func()) {
	old := debug.SetGCPercent(10)
	return func() { debug.SetGCPercent(old) }
}

// StartMemoryMeter starts measuring.
func StartMemoryMeter() *MemoryMeter {
	runtime.GC()
	h := &MemoryMeter{stop: make(chan struct{}), base: heapObjects()}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := heapObjects(); v > h.peak.Load() {
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

// Stop ends measuring and returns the heap's largest growth in bytes.
func (h *MemoryMeter) Stop() uint64 {
	close(h.stop)
	h.done.Wait()
	if p := h.peak.Load(); p > h.base {
		return p - h.base
	}
	return 0
}

// BenchRead is a benchmark's loop: it reads data source typeName with
// attrs through a provider with tuning and reports the vendor calls per
// read and the size of the state. With memory, the collector runs at
// GOGC=10 (TightGC) and the benchmark reports the most the heap grew
// during a read (peak-heap-MB); ns/op then includes the extra collection.
func (e *Env) BenchRead(b *testing.B, tuning conns.Tuning, typeName string, attrs map[string]tftypes.Value, memory bool) {
	b.Helper()
	ctx := context.Background()
	r, err := e.NewDataSourceReader(ctx, tuning)
	if err != nil {
		b.Fatal(err)
	}
	if memory {
		defer TightGC()()
	}
	before := e.TotalCalls()
	var peak uint64
	size := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var m *MemoryMeter
		if memory {
			b.StopTimer()
			m = StartMemoryMeter()
			b.StartTimer()
		}
		if size, err = r.Read(ctx, typeName, attrs); err != nil {
			b.Fatal(err)
		}
		if memory {
			b.StopTimer()
			peak = max(peak, m.Stop())
			b.StartTimer()
		}
	}
	b.ReportMetric(float64(e.TotalCalls()-before)/float64(b.N), "calls/op")
	b.ReportMetric(float64(size)/(1<<20), "state-MB")
	if memory {
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}
