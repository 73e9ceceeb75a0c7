# A Kubernetes service account: Alibaba Cloud RRSA on ACK and Tencent Cloud
# pod identity on TKE. Both inject environment variables the provider reads
# without any configuration (ALIBABA_CLOUD_OIDC_PROVIDER_ARN,
# ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_ROLE_ARN; TKE_PROVIDER_ID,
# TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN); the blocks spell them out.
provider "cloudtrack" {
  alicloud {
    assume_role_with_oidc {
      oidc_provider_arn = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c1234"
      oidc_token_file   = "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token"
      role_arn          = "acs:ram::1234567890123456:role/audit-admin"
    }
  }
  tencentcloud {
    assume_role_with_web_identity {
      provider_id             = "tke-oidc"
      web_identity_token_file = "/var/run/secrets/tke.cloud.tencent.com/token"
      role_arn                = "qcs::cam::uin/100000000001:roleName/audit-admin"
    }
  }
}
