import DocketDocuments
import Vapor

extension Application {
    /// The words, money and dates of a generated document, in `language`, from the catalogues.
    func formText(_ language: Language) -> FormText {
        let catalogue = docket.catalogue
        return FormText(label: { catalogue.text($0, language) },
                        money: { $0.formatted(french: language == .fr) },
                        date: { DateText.day($0, language) })
    }
}
