import DocketCore
import Vapor

/// `/dev/clock`: moves the server's clock outside production, so deadlines, reminders and
/// defaults can be tried by hand and by the browser tests. Each move runs the sweep at once.
struct DevClockController: RouteCollection {
    let clock: MovableClock

    func boot(routes: any RoutesBuilder) throws {
        routes.get("dev", "clock", use: show)
        routes.post("dev", "clock", use: move)
    }

    struct Body: Encodable {
        let now: String
        let offsetDays: String
        let error: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req, error: nil)
    }

    private func render(_ req: Request, error: String?) async throws -> Response {
        let days = clock.currentOffset / 86_400
        return try await req.page("dev-clock", titleKey: "devClock.title",
                                  Body(now: DateText.long(req.now, req.language), offsetDays: String(format: "%.2f", days), error: error),
                                  status: error == nil ? .ok : .unprocessableEntity)
    }

    func move(req: Request) async throws -> Response {
        let values = req.formValues()
        switch values["action"] {
        case "set":
            guard let at = CourtTime.localInstant(values["at"] ?? "") else { return try await render(req, error: req.t("devClock.error.at")) }
            clock.set(at)
        case "advance":
            guard let days = Int(values["days"] ?? ""), (-3650...3650).contains(days) else {
                return try await render(req, error: req.t("devClock.error.days"))
            }
            clock.advance(by: TimeInterval(days) * 86_400)
        case "reset":
            clock.reset()
        default:
            return try await render(req, error: req.t("devClock.error.action"))
        }
        req.logger.notice("development clock moved", metadata: ["now": "\(req.now)"])
        try await Sweep.run(app: req.application)
        return req.redirect(to: "/dev/clock")
    }
}

extension Settings {
    /// The clock `docket serve` runs on: real time in production; outside it, a clock that can be
    /// moved, starting at `DOCKET_NOW` or `DOCKET_CLOCK_OFFSET` if given.
    public func serverClock(environment: Environment) throws -> any DocketClock {
        if environment == .production {
            guard clockOffset == nil else { throw UsageError("DOCKET_NOW / DOCKET_CLOCK_OFFSET: the clock cannot be moved in production") }
            return SystemClock()
        }
        let offset = clockOffset ?? 0
        guard !offset.isNaN else {
            throw UsageError("DOCKET_NOW: give a Toronto time as YYYY-MM-DDTHH:MM (or DOCKET_CLOCK_OFFSET as seconds)")
        }
        return MovableClock(offset: offset)
    }
}
