# Credentials usually come from the environment:
#   ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID
#   TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_REGION
provider "cloudtrack" {
  alicloud {
    region = "cn-hangzhou"
  }
  tencentcloud {
    region = "ap-guangzhou"
  }
  max_retries = 8
}

# Against the mock cloud (`make mock`), point every product at it over HTTP.
provider "cloudtrack" {
  alias = "mock"
  alicloud {
    access_key = "mock-access-key-id"
    secret_key = "mock-access-key-secret"
    region     = "cn-hangzhou"
    protocol   = "HTTP"
    endpoints = {
      actiontrail = "127.0.0.1:8080"
    }
  }
}
