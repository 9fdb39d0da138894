/// A table that turns into one card per row on narrow screens (each cell labelled with its column).
struct HTMLTable {
    /// Column titles; numeric columns align right.
    var columns: [(title: String, numeric: Bool)]
    /// Cells as HTML (already escaped).
    var rows: [[String]]

    var html: String {
        var html = #"<div class="scroll"><table class="cards"><thead><tr>"#
        for column in columns { html += #"<th\#(column.numeric ? #" class="num""# : "")>\#(XMLText.escape(column.title))</th>"# }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                let column = columns[index]
                html += #"<td data-label="\#(XMLText.escape(column.title))"\#(column.numeric ? #" class="num""# : "")>\#(cell)</td>"#
            }
            html += "</tr>"
        }
        return html + "</tbody></table></div>"
    }
}
