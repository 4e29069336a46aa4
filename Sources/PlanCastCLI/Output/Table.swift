/// A table ready to render as text, Markdown or CSV.
struct Table {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]]

  init(headers: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
    self.headers = headers
    self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    self.rows = rows
  }
}
