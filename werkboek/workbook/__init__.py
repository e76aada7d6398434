"""The Netwerkkaart workbook: its one schema, the typed case, reading a file safely into that case
(`source` -> `reader`, with `values` and `migrations`), and building the workbook (`builder`,
on the workbook factory `xlsx`)."""
