import Vapor

extension Request {
    /// Whether the request came straight from one of the configured reverse proxies.
    private var viaTrustedProxy: Bool {
        guard let peer = remoteAddress?.ipAddress else { return false }
        return docket.settings.trustedProxies.contains(peer)
    }

    /// HTTPS, as this server saw it, or as a trusted proxy says the client used it.
    var isSecure: Bool {
        url.scheme == "https" || (viaTrustedProxy && headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https")
    }

    /// The client's network address: the peer, or the address a trusted proxy forwarded for.
    var clientAddress: String {
        if viaTrustedProxy, let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty, address.count <= 45 { return address }
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
