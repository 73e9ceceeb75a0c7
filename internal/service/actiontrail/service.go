// Package actiontrail implements Alibaba Cloud ActionTrail trails (a
// resource and a data source) and history delivery jobs (a resource, two
// data sources and an action).
package actiontrail

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var numericRE = regexp.MustCompile(`^[0-9]+$`)

// Resources lists the resource types of this service.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewHistoryDeliveryJobResource, NewTrailResource}
}

// DataSources lists the data source types of this service.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewHistoryDeliveryJobDataSource, NewHistoryDeliveryJobsDataSource, NewTrailsDataSource, NewEventsDataSource}
}

// Actions lists the action types of this service.
func Actions() []func() action.Action {
	return []func() action.Action{NewHistoryDeliveryAction}
}
