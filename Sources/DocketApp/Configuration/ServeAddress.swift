import Vapor

/// Development mode (with its mailbox of every reset link) is for this machine only: serving it on
/// an address other people can reach needs `--env production`, or the explicit flag below.
public enum ServeAddress {
    public static let developmentOnNetworkFlag = "--development-on-network"

    /// Refuses development mode on a non-loopback `--hostname`/`-H` or `--bind`/`-b`.
    public static func check(arguments: [String], environment: Environment, allowDevelopment: Bool) throws {
        guard environment != .production, !allowDevelopment else { return }
        for host in hosts(in: arguments) where !isLoopback(host) {
            throw UsageError("--hostname: \(host) is reachable from the network; serve there with --env production, "
                             + "or add \(developmentOnNetworkFlag) to show the development mailbox to that network")
        }
    }

    static func hosts(in arguments: [String]) -> [String] {
        var hosts: [String] = []
        for (i, argument) in arguments.enumerated() {
            var value: String? = nil
            var isBind = false
            for name in ["--hostname", "-H", "--bind", "-b"] {
                if argument == name, i + 1 < arguments.count { value = arguments[i + 1] }
                else if argument.hasPrefix(name + "=") { value = String(argument.dropFirst(name.count + 1)) }
                if value != nil { isBind = name == "--bind" || name == "-b"; break }
            }
            guard var host = value else { continue }
            if isBind, let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
            hosts.append(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        }
        return hosts
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }
}
