import Formats
import TopologyModel

/// Names the Terraform configuration defines and other files refer to (the runbook, the secrets'
/// `generate` instructions): kept here, once, so a rule can check them.
public enum TerraformNames {
    public static let tunnelIDOutput = "tunnel_id"
    /// Remote mode: the connector token (`cloudflared service install <TOKEN>`).
    public static let tunnelTokenOutput = "tunnel_token"
    /// Local mode: the credentials JSON cloudflared reads (`AccountTag`, `TunnelSecret`, `TunnelID`).
    public static let tunnelCredentialsOutput = "tunnel_credentials"

    /// `access_client_id` when the profile has one service token (the common case, and the name
    /// the plan's instructions use); `access_client_id_<token>` when it has several.
    public static func clientIDOutput(_ token: ServiceToken, in access: Access) -> String {
        access.serviceTokens.count == 1 ? "access_client_id" : "access_client_id_\(TerraformString.identifier(token.name))"
    }

    public static func clientSecretOutput(_ token: ServiceToken, in access: Access) -> String {
        access.serviceTokens.count == 1 ? "access_client_secret" : "access_client_secret_\(TerraformString.identifier(token.name))"
    }

    /// Every output the Terraform configuration declares for this topology, sorted.
    public static func outputs(_ topology: Topology) -> [String] {
        var names = [tunnelIDOutput, topology.tunnel.mode == .remote ? tunnelTokenOutput : tunnelCredentialsOutput]
        for token in topology.access.serviceTokens {
            names += [clientIDOutput(token, in: topology.access), clientSecretOutput(token, in: topology.access)]
        }
        return names.sorted()
    }
}
