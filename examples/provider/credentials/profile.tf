# A named profile of each vendor's CLI: `aliyun configure --profile audit`
# (~/.aliyun/config.json, any mode the CLI writes, RamRoleArn included) and
# `tccli configure --profile audit` (~/.tccli/audit.credential).
# ALIBABA_CLOUD_PROFILE and TENCENTCLOUD_PROFILE do the same.
provider "cloudtrack" {
  alicloud {
    profile                 = "audit"
    shared_credentials_file = "~/.aliyun/config.json"
  }
  tencentcloud {
    profile = "audit"
  }
}
