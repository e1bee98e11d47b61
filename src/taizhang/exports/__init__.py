"""Writers and readers of the files offices exchange: ``(items, file) → None`` and back.

    xlsx             the 台账 workbook (per document or per unit) and a unit's fill-in sheet
    progress_import  a filled-in sheet back into ProgressUpdates, every row checked first
    sheet_import     an office's own 任务分解表 into a Document (with sheet_dates for its dates)
    ics              deadlines as VTODOs (or VEVENTs) with RRULE
    word             the 督办通知单 and the monthly 调度 report (docx_style: GB/T 9704 layout)
    summary          the figures of the monthly report, pure
    listing          csv / json / markdown
    labels           what every writer shows the same way (deadlines, lights, the id token)

Import the module you need; this package imports nothing heavy by itself.
"""
