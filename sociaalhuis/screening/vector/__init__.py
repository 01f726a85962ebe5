"""The column-wise engine: the catalog's conditions over whole columns of households (numpy)."""
