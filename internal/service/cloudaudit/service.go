// Package cloudaudit implements Tencent Cloud CloudAudit tracks: a resource
// covering both the simple and the filter-based ("events") track, and two
// data sources.
package cloudaudit

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the resource types of this service.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewTrackResource}
}

// DataSources lists the data source types of this service.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewTrackDataSource, NewTracksDataSource, NewEventsDataSource}
}
