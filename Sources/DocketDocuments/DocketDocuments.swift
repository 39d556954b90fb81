/// Generated court documents: the PDF writer, form layouts, and the court's seal.
public enum DocketDocuments {}
