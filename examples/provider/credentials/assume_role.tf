# A role assumed on top of the base identity (here: keys from the
# environment). The session is renewed before it expires, also during a long
# wait such as an ActionTrail history delivery job.
provider "cloudtrack" {
  alicloud {
    region = "cn-hangzhou"
    assume_role {
      role_arn           = "acs:ram::1234567890123456:role/audit-admin"
      session_name       = "terraform"
      session_expiration = 3600
      external_id        = "abcd1234"
    }
  }
  tencentcloud {
    region = "ap-guangzhou"
    assume_role {
      role_arn         = "qcs::cam::uin/100000000001:roleName/audit-admin"
      session_name     = "terraform"
      session_duration = 7200
    }
  }
}
