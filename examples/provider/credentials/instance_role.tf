# On a CI runner that is an ECS or CVM instance: the role attached to the
# instance, from its metadata service. ALIBABA_CLOUD_ECS_METADATA and
# TENCENTCLOUD_CAM_ROLE_NAME do the same.
provider "cloudtrack" {
  alicloud {
    ecs_role_name = "ci-runner"
  }
  tencentcloud {
    cam_role_name = "ci-runner"
  }
}
