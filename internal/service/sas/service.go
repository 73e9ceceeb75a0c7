// Package sas implements Alibaba Cloud Security Center (Sas) operation
// subtasks: a data source over ListOperationProcessDetail.
package sas

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the resource types of this service (none).
func Resources() []func() resource.Resource {
	return nil
}

// DataSources lists the data source types of this service.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewOperationSubtasksDataSource}
}
