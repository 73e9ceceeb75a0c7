terraform {
  required_providers {
    cloudtrack = {
      source = "cloudtrack/cloudtrack"
    }
  }
}

provider "cloudtrack" {
  alicloud {
    region = "cn-hangzhou"
  }
  tencentcloud {
    region = "ap-guangzhou"
  }
}
