import Testing
@testable import DocketDocuments
