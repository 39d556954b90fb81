/// A page that only tells the person something: a heading, a message and, perhaps, a link on.
struct MessageBody: Encodable {
    let heading: String
    let message: String
    let link: String?
    let linkText: String?
}
