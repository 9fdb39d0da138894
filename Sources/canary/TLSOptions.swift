import ArgumentParser
import Canary
import Probes

/// `--ca-file`, shared by every command that talks to the target.
struct TLSOptions: ParsableArguments {
    @Option(help: "PEM file of CA certificates to trust besides the system's (overrides the plan's target.tls.ca_file).")
    var caFile: String?

    /// The plan's TLS settings with the command line's CA file over them.
    func tls(for plan: Plan) -> ProbeTLS {
        var tls = plan.target.tls
        if let caFile { tls.caFile = caFile }
        return tls
    }
}
