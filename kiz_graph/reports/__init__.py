"""The yearly reports: a centre's Sachbericht and the statewide report, one set of figures
(``figures``) laid out once as sections (``documents``) and written as PDF or workbook
(``files``, through ``pdf``, ``charts`` and ``workbook``)."""
