"""The yearly reports: a centre's Sachbericht and the statewide report, one set of figures
(``figures``) laid out once as sections (``documents``) and written as PDF or workbook
(``files``, through ``pdf``, ``charts`` and ``workbook``); and the data for the external evaluation
(``evaluation``, ``evaluation_files``): counts per centre and year without personal data."""
