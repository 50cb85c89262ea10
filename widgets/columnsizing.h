#pragma once

class QTableView;

namespace feastconsole {

// Columns as wide as what they hold (names, types, actions), each capped at
// `maxWidth` pixels and elided in the middle (the full value is the cell's
// tooltip), the last column taking what is left: key columns are never cut
// while a mostly empty column takes the room. Re-fits whenever the model
// resets or gets rows, until the user resizes a column by hand.
void fitColumnsToContent(QTableView *view, int maxWidth = 360);

} // namespace feastconsole
