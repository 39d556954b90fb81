import Vapor

extension Response {
    /// A file to save: its bytes, type, and the name a browser offers.
    static func download(_ data: Data, type: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}
