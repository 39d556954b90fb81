import Vapor

/// One step of a multi-page form: the form, an introduction, and the way back.
struct StepBody: Encodable {
    let form: FormView
    let intro: String?
    let back: LinkView
}

extension Request {
    /// The `:index` of a row in a list (a party, a document, an offer); 404 when it is not one.
    func listIndex() throws -> Int {
        guard let n = parameters.get("index", as: Int.self), n >= 0 else { throw Abort(.notFound) }
        return n
    }
}
