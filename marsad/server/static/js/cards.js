// Tables that become cards on a phone (style.css, "tables as cards"): each cell gets its
// column's heading as data-label, which the narrow layout shows before the value.

/** Copy each column heading's text to the data-label of that column's cells. */
export function labelCells(table) {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.replace(/[▲▼]/g, "").trim());
  for (const row of table.querySelectorAll("tbody tr")) {
    [...row.children].forEach((cell, i) => {
      if (heads[i]) cell.dataset.label = heads[i];
    });
  }
  table.classList.add("cards");
  return table;
}
