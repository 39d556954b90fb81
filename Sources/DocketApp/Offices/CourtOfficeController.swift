import DocketCore
import Fluent
import Vapor

/// The court offices: a public list for finding an address, and the administrator's pages to add,
/// correct, retire and restore offices. Clerks and judges may look; only administrators change.
struct CourtOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("court-offices", use: publicList)
        let staff = routes.grouped(RequireStaffMiddleware(roles: Set(StaffRole.allCases))).grouped("staff", "offices")
        staff.get(use: staffList)
        let admin = routes.grouped(RequireStaffMiddleware(roles: [.admin])).grouped("staff", "offices")
        admin.get("new", use: newForm)
        admin.post(use: create)
        admin.get(":code", "edit", use: editForm)
        admin.post(":code", use: update)
        admin.post(":code", "retire", use: retire)
        admin.post(":code", "restore", use: restore)
    }

    struct Row: Encodable {
        let code: String
        let shortCode: String
        let name: String
        let address: String
        let phone: String
        let confirmed: Bool
        let retired: Bool
    }

    struct ListBody: Encodable {
        let rows: [Row]
        let isAdmin: Bool
        let saved: Bool
    }

    static func row(_ r: CourtOfficeRecord, _ language: Language) -> Row {
        Row(code: r.code, shortCode: r.shortCode, name: r.name(language), address: r.office.fullAddress, phone: r.phone,
            confirmed: r.smallClaims == "confirmed", retired: r.retiredAt != nil)
    }

    func publicList(req: Request) async throws -> Response {
        let rows = try await CourtOffices.open(on: req.db).map { Self.row($0, req.language) }
        return try await req.page("offices/public", titleKey: "offices.title", ListBody(rows: rows, isAdmin: false, saved: false))
    }

    func staffList(req: Request) async throws -> Response {
        let all = try await CourtOfficeRecord.query(on: req.db).sort(\.$city).sort(\.$name).all()
        return try await req.page("offices/staff", titleKey: "offices.staff.title",
                                  ListBody(rows: all.map { Self.row($0, req.language) }, isAdmin: req.account?.role == .admin,
                                           saved: (try? req.query.get(String.self, at: "saved")) == "1"))
    }

    func newForm(req: Request) async throws -> Response {
        try await form(req, action: "/staff/offices", values: ["smallClaims": "confirmed"], problems: [], editing: false)
    }

    func create(req: Request) async throws -> Response {
        let values = req.formValues()
        var (office, problems) = Self.office(from: values).validated()
        if problems.isEmpty, try await CourtOfficeRecord.query(on: req.db).filter(\.$code == office.code).first() != nil {
            problems.append(FieldProblem("code", "error.office.code.taken"))
        }
        if problems.isEmpty, try await CourtOfficeRecord.query(on: req.db).filter(\.$shortCode == office.shortCode).first() != nil {
            problems.append(FieldProblem("shortCode", "error.office.shortCode.taken"))
        }
        guard problems.isEmpty else { return try await form(req, action: "/staff/offices", values: values, problems: problems, editing: false) }
        office.smallClaims = office.smallClaims.isEmpty ? "confirmed" : office.smallClaims
        do {
            try await CourtOfficeRecord(office, at: req.now).create(on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another administrator took the code or short code a moment ago.
            return try await form(req, action: "/staff/offices", values: values,
                                  problems: [FieldProblem("shortCode", "error.office.shortCode.taken")], editing: false)
        }
        req.logger.info("court office added", metadata: ["office": "\(office.code)"])
        return req.redirect(to: "/staff/offices?saved=1")
    }

    func editForm(req: Request) async throws -> Response {
        let record = try await find(req)
        var values = Self.values(of: record.office)
        values["code"] = record.code
        return try await form(req, action: "/staff/offices/\(record.code)", values: values, problems: [], editing: true)
    }

    func update(req: Request) async throws -> Response {
        let record = try await find(req)
        var values = req.formValues()
        values["code"] = record.code   // the codes name the office in file numbers: they do not change
        values["shortCode"] = record.shortCode
        let (office, problems) = Self.office(from: values).validated()
        guard problems.isEmpty else {
            return try await form(req, action: "/staff/offices/\(record.code)", values: values, problems: problems, editing: true)
        }
        record.update(from: office, at: req.now)
        try await record.save(on: req.db)
        req.logger.info("court office corrected", metadata: ["office": "\(record.code)"])
        return req.redirect(to: "/staff/offices?saved=1")
    }

    func retire(req: Request) async throws -> Response {
        let record = try await find(req)
        record.retiredAt = req.now
        record.updatedAt = req.now
        try await record.save(on: req.db)
        req.logger.info("court office retired", metadata: ["office": "\(record.code)"])
        return req.redirect(to: "/staff/offices?saved=1")
    }

    func restore(req: Request) async throws -> Response {
        let record = try await find(req)
        record.retiredAt = nil
        record.updatedAt = req.now
        try await record.save(on: req.db)
        return req.redirect(to: "/staff/offices?saved=1")
    }

    private func find(_ req: Request) async throws -> CourtOfficeRecord {
        guard let code = req.parameters.get("code"),
              let record = try await CourtOfficeRecord.query(on: req.db).filter(\.$code == code).first() else {
            throw Abort(.notFound)
        }
        return record
    }

    static func office(from v: [String: String]) -> CourtOffice {
        CourtOffice(code: v["code"] ?? "", name: v["name"] ?? "", nameFr: v["nameFr"] ?? "", shortCode: v["shortCode"] ?? "", streetAddress: v["streetAddress"] ?? "", city: v["city"] ?? "",
                    postalCode: v["postalCode"] ?? "", phone: v["phone"] ?? "", smallClaims: v["smallClaims"] ?? "",
                    locationID: v["locationID"] ?? "")
    }

    static func values(of o: CourtOffice) -> [String: String] {
        ["code": o.code, "name": o.name, "nameFr": o.nameFr, "shortCode": o.shortCode, "streetAddress": o.streetAddress, "city": o.city, "postalCode": o.postalCode,
         "phone": o.phone, "smallClaims": o.smallClaims, "locationID": o.locationID]
    }

    struct FormBody: Encodable {
        let form: FormView
        let intro: String?
    }

    private func form(_ req: Request, action: String, values: [String: String], problems: [FieldProblem], editing: Bool) async throws -> Response {
        let b = FormBuilder(req, values: values, problems: problems)
        var fields: [FieldView] = []
        if !editing {
            fields.append(b.field("code", width: "medium", labelKey: "field.office.code"))
            fields.append(b.field("shortCode", required: false, width: "short", labelKey: "field.office.shortCode"))
        }
        fields += [
            b.field("name", labelKey: "field.office.name"),
            b.field("nameFr", required: false, labelKey: "field.office.nameFr"),
            b.field("streetAddress", labelKey: "field.address"),
            b.field("city", width: "medium"),
            b.field("postalCode", width: "short"),
            b.field("phone", "tel", required: false, width: "medium", labelKey: "field.phone"),
            b.field("smallClaims", required: false, width: "medium", labelKey: "field.office.smallClaims"),
            b.field("locationID", required: false, width: "short", labelKey: "field.office.locationID"),
        ]
        let view = b.form(action: action, submitKey: "button.save", sections: [b.section(nil, fields)])
        return try await req.page("form-page", titleKey: editing ? "offices.edit.title" : "offices.new.title",
                                  FormBody(form: view, intro: nil), status: problems.isEmpty ? .ok : .unprocessableEntity)
    }
}
