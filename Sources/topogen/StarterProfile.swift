/// The profile `topogen init NAME` writes: the smallest deployment that validates and
/// renders, every value commented, and every value topogen cannot know marked with
/// `TODO(init)` and the question to answer. It is a starting point, not a template of the
/// shipped profiles: one host, a locally-managed tunnel, one API surface behind a service token.
enum StarterProfile {
    static let marker = "TODO(init)"

    /// The profile's text; `{{name}}` stands for the profile name (a validated file-name word).
    static func text(name: String) -> String { template.replacingOccurrences(of: "{{name}}", with: name) }

    static let template = """
        # {{name}}: a topogen profile written by `topogen init {{name}}`.
        # Every line marked TODO(init) is a question topogen could not answer: answer it, then
        # run `topogen validate {{name}}` and `topogen plan`. No secret VALUE belongs here:
        # secrets are named, with where they live.

        description: new-api gateway {{name}}  # TODO(init): one line saying what this deployment is for

        zone:
          name: example.com           # TODO(init): which Cloudflare zone serves the gateway?
          settings:
            ssl: full                 # the origin is plain HTTP on loopback, behind the tunnel
            always_use_https: true
            websockets: true
            http3: true
            http2_to_origin: false

        hosts:
          - name: {{name}}-host             # TODO(init): what do you call the gateway's machine?
            provider: unknown         # TODO(init): who hosts it (vultr, hetzner, on-premises, …)?
            region: unknown           # TODO(init): where is it?
            ssh: {{name}}-host              # TODO(init): the ssh alias that reaches it (in ~/.ssh/config)
            vcpus: 1                  # TODO(init): how many vCPUs does it have?
            memory: 1g                # TODO(init): how much memory does the kernel report (free -m)?
            users:
              - name: root
                owns: [the gateway and its cloudflared connector]

        gateway:
          name: newapi
          host: {{name}}-host
          owner: root
          directory: /opt/newapi      # compose file and .env live here
          data_directory: /opt/newapi/data
          image: calciumion/new-api
          tag: v0.6.3.1.1             # TODO(init): which tested release do you deploy? (never latest)
          container_name: newapi
          bind: 127.0.0.1             # loopback only: the tunnel is the one way in
          port: 3000
          container_port: 3000
          timezone: UTC               # TODO(init): which time zone should logs use?
          limits:
            cpus: "0.50"
            memory: 384m
            swap: false               # OOM-kill rather than swap-thrash
          logging:
            max_size: 10m
            max_files: 3
          healthcheck:
            path: /api/status
            interval: 30s
            timeout: 5s
            retries: 3
            start_period: 60s
          environment: {}
          secrets: [{{name}}-session-secret]
          admin_secret: {{name}}-admin
          preflight_ports: [3000]
          upstreams: []               # TODO(init): which model providers will you configure?

        tunnel:
          name: {{name}}
          mode: local                 # ingress lives in config_path on the host
          unit: {{name}}-cloudflared.service
          binary: /usr/local/bin/cloudflared
          install: binary
          release:                    # TODO(init): the release you tested; sha256 is sha256sum of its asset
            version: 2026.9.1
            arch: amd64               # arm64 for an ARM host
            sha256: 03f1f25d1cc93b9ad6c60569d44060bc4f17ed97075760ed8cfca4b12dcd68cc
          origin: http://127.0.0.1:3000
          config_path: /etc/cloudflared/{{name}}.yml
          origin_request:
            connect_timeout: 10s
            keep_alive_timeout: 90s
            no_tls_verify: false
            http2_origin: false

        hostnames:
          - name: llm.example.com     # TODO(init): which hostname do clients call?
            service: gateway

        access:
          admins: []                  # TODO(init): who may log in to the admin UI (emails)? none: use ssh -L
          service_tokens:
            - name: {{name}}-clients
              duration: 8760h
              client_id_secret: {{name}}-access-id
              client_secret_secret: {{name}}-access-secret
          surfaces:
            - name: openai-api
              hostname: llm.example.com
              path: /v1/*
              policy: service_token
              service_token: {{name}}-clients
          default: deny               # everything no surface lists is blocked

        consumers: []                 # TODO(init): which programs call the gateway, from where?

        secrets:
          - name: {{name}}-session-secret
            env: SESSION_SECRET
            kept_in: file
            location: /opt/newapi/.env
            host: {{name}}-host
            mode: "0600"
            generate: openssl rand -hex 32
            rotate: on suspicion of leak (signs every admin out)
          - name: {{name}}-admin
            kept_in: keychain
            location: {{name}}-admin   # TODO(init): where do you keep the admin password?
            instructions: chosen in the first-run setup wizard (over ssh -L)
            rotate: on any leak
          - name: {{name}}-access-id
            kept_in: keychain
            location: cf-access-{{name}}-id
            generate: terraform output -raw access_client_id
            rotate: with its client secret
          - name: {{name}}-access-secret
            kept_in: keychain
            location: cf-access-{{name}}-secret
            generate: terraform output -raw access_client_secret
            rotate: every 180 days, or on any leak

        """
}
