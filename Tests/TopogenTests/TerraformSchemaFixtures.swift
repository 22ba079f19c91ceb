import Foundation
@testable import TerraformSchema

/// The JSON documents the schema tests check.
extension TerraformSchemaTests {
    static func ruleset(ratelimit: String) -> String {
        #"""
        {"zone_id": "z", "name": "rl", "kind": "zone", "phase": "http_ratelimit",
         "rules": [{"expression": "true", "action": "block", "ratelimit": \#(ratelimit)}]}
        """#
    }

    /// terraform.md §10 `example-tfjson/main.tf.json`, verbatim.
    static let example = #"""
{
  "//": "Generated example: Cloudflare provider v5 resources in Terraform JSON syntax.",
  "terraform": {
    "required_providers": {
      "cloudflare": {
        "source": "cloudflare/cloudflare",
        "version": "~> 5"
      }
    }
  },
  "variable": {
    "cloudflare_api_token": { "type": "string", "sensitive": true },
    "account_id": { "type": "string" },
    "zone_id": { "type": "string" },
    "tunnel_secret": { "type": "string", "sensitive": true, "description": "base64 of >= 32 random bytes" },
    "team_name": { "type": "string", "default": "myteam" }
  },
  "provider": {
    "cloudflare": { "api_token": "${var.cloudflare_api_token}" }
  },
  "resource": {
    "cloudflare_zero_trust_tunnel_cloudflared": {
      "app": {
        "account_id": "${var.account_id}",
        "name": "app-tunnel",
        "config_src": "cloudflare",
        "tunnel_secret": "${var.tunnel_secret}"
      }
    },
    "cloudflare_zero_trust_tunnel_cloudflared_config": {
      "app": {
        "account_id": "${var.account_id}",
        "tunnel_id": "${cloudflare_zero_trust_tunnel_cloudflared.app.id}",
        "config": {
          "origin_request": { "connect_timeout": 30, "no_tls_verify": false },
          "ingress": [
            {
              "hostname": "app.example.com",
              "service": "http://localhost:8080",
              "origin_request": {
                "http_host_header": "app.internal",
                "access": {
                  "required": true,
                  "team_name": "${var.team_name}",
                  "aud_tag": ["${cloudflare_zero_trust_access_application.app.aud}"]
                }
              }
            },
            { "service": "http_status:404" }
          ]
        }
      }
    },
    "cloudflare_dns_record": {
      "app": {
        "zone_id": "${var.zone_id}",
        "name": "app.example.com",
        "type": "CNAME",
        "content": "${cloudflare_zero_trust_tunnel_cloudflared.app.id}.cfargotunnel.com",
        "proxied": true,
        "ttl": 1
      }
    },
    "cloudflare_zero_trust_access_service_token": {
      "ci": {
        "account_id": "${var.account_id}",
        "name": "ci-token",
        "duration": "8760h"
      }
    },
    "cloudflare_zero_trust_access_policy": {
      "staff": {
        "account_id": "${var.account_id}",
        "name": "staff by email domain",
        "decision": "allow",
        "session_duration": "24h",
        "include": [
          { "email_domain": { "domain": "example.com" } },
          { "email": { "email": "contractor@example.org" } }
        ]
      },
      "ci": {
        "account_id": "${var.account_id}",
        "name": "ci service token",
        "decision": "non_identity",
        "include": [
          { "service_token": { "token_id": "${cloudflare_zero_trust_access_service_token.ci.id}" } }
        ]
      }
    },
    "cloudflare_zero_trust_access_application": {
      "app": {
        "account_id": "${var.account_id}",
        "name": "app",
        "type": "self_hosted",
        "domain": "app.example.com",
        "destinations": [ { "type": "public", "uri": "app.example.com" } ],
        "session_duration": "24h",
        "policies": [
          { "id": "${cloudflare_zero_trust_access_policy.staff.id}", "precedence": 1 },
          { "id": "${cloudflare_zero_trust_access_policy.ci.id}", "precedence": 2 }
        ]
      }
    },
    "cloudflare_ruleset": {
      "ratelimit": {
        "zone_id": "${var.zone_id}",
        "name": "rate limit",
        "kind": "zone",
        "phase": "http_ratelimit",
        "rules": [
          {
            "description": "API rate limit",
            "expression": "starts_with(http.request.uri.path, \"/api/\")",
            "action": "block",
            "ratelimit": {
              "characteristics": ["cf.colo.id", "ip.src"],
              "period": 60,
              "requests_per_period": 100,
              "mitigation_timeout": 600
            }
          }
        ]
      },
      "waf_custom": {
        "zone_id": "${var.zone_id}",
        "name": "custom firewall",
        "kind": "zone",
        "phase": "http_request_firewall_custom",
        "rules": [
          {
            "description": "block admin from outside",
            "expression": "(http.request.uri.path wildcard \"/admin*\" and not ip.src in {192.0.2.0/24})",
            "action": "block",
            "action_parameters": {
              "response": { "status_code": 403, "content_type": "text/plain", "content": "forbidden" }
            }
          },
          {
            "expression": "(cf.threat_score gt 30)",
            "action": "managed_challenge"
          }
        ]
      }
    },
    "cloudflare_zone_setting": {
      "ssl": { "zone_id": "${var.zone_id}", "setting_id": "ssl", "value": "strict" },
      "always_use_https": { "zone_id": "${var.zone_id}", "setting_id": "always_use_https", "value": "on" },
      "min_tls_version": { "zone_id": "${var.zone_id}", "setting_id": "min_tls_version", "value": "1.2" },
      "websockets": { "zone_id": "${var.zone_id}", "setting_id": "websockets", "value": "on" },
      "http3": { "zone_id": "${var.zone_id}", "setting_id": "http3", "value": "on" }
    }
  },
  "output": {
    "tunnel_id": { "value": "${cloudflare_zero_trust_tunnel_cloudflared.app.id}" },
    "ci_client_id": { "value": "${cloudflare_zero_trust_access_service_token.ci.client_id}" },
    "ci_client_secret": { "value": "${cloudflare_zero_trust_access_service_token.ci.client_secret}", "sensitive": true }
  }
}
"""#
}
