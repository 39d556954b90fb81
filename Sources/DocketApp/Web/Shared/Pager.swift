import Vapor

/// Which page of a long list a request asks for (`?page=N`, from 1), and the links to the pages
/// beside it. A page number that is not a positive whole number, or past the end, shows the last
/// page there is rather than an error.
struct Pager: Encodable {
    static let size = 25

    let page: Int
    let pages: Int
    let total: Int
    let previous: String?
    let next: String?
    let label: String

    /// The page asked for, clamped to 1…10,000 (no list is that long at 25 a page).
    static func requested(_ req: Request) -> Int {
        let asked = (try? req.query.get(String.self, at: "page")).flatMap { Int($0.prefix(6)) } ?? 1
        return min(max(asked, 1), 10_000)
    }

    /// The offset of `page` within `total` rows: a page past the end is the last page.
    static func offset(page: Int, total: Int) -> Int { (min(page, pages(total)) - 1) * size }

    static func pages(_ total: Int) -> Int { max(1, (total + size - 1) / size) }

    /// Links keep the other query values (`keep`) and change only the page.
    init(_ req: Request, page asked: Int, total: Int, path: String, keep: [String: String] = [:]) {
        let pages = Self.pages(total)
        let page = min(asked, pages)
        func href(_ n: Int) -> String {
            var items = keep.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            if n > 1 { items.append(URLQueryItem(name: "page", value: String(n))) }
            var c = URLComponents(); c.path = path; c.queryItems = items.isEmpty ? nil : items
            return c.string ?? path
        }
        self.page = page; self.pages = pages; self.total = total
        previous = page > 1 ? href(page - 1) : nil
        next = page < pages ? href(page + 1) : nil
        label = req.t("pager.label", [String(page), String(pages)])
    }
}

/// The "show" choice above a list of cases: all, open or closed, sent by GET so the page can be
/// bookmarked.
struct ListFilter: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    let action: String
    let options: [Option]

    init(_ req: Request, action: String, show: CaseListing.Show) {
        self.action = action
        options = CaseListing.Show.allCases.map { Option(value: $0.rawValue, label: req.t("list.show.\($0.rawValue)"), selected: $0 == show) }
    }
}
