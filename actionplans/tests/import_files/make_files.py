"""Writes the spreadsheets in this folder (run it from here with the portal's Python after changing it).
The CSV files are written by hand, as people save them; the XLSX files need openpyxl."""

import datetime
import zipfile

from openpyxl import Workbook

DA = ["Mål", "Formål", "Indsats", "Ansvarlig", "Afdeling", "Strategisk spor", "Samarbejdsregioner", "Starter",
      "Slutter", "Status", "Fremdrift (%)", "Finansieringskilder", "Beskrivelse", "Type af internationalt arbejde"]
EN = ["Goal", "Purposes", "Initiative", "Owner", "Department", "Strategic track", "Partner regions", "Starts on",
      "Ends on", "Status", "Progress (%)", "Funding sources", "Description", "Kind of international work"]


def workbook(name, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(name)


# A new plan with English headings, real date cells, a goal without initiatives and a number for the purposes.
workbook("good_english.xlsx", [
    EN,
    ["Stronger cooperation on rehabilitation", "1, 2", "Exchange of physiotherapists", "Hospitalsenhed Midt",
     "Physiotherapy", "Rehabilitation", "Shanghai", datetime.datetime(2027, 3, 1), datetime.datetime(2029, 12, 31),
     "", "", "Interreg", "Two exchanges a year", "staff exchange"],
    ["Stronger cooperation on rehabilitation", "1, 2", "Joint research on recovery", "Aarhus Universitetshospital",
     "", "", "Győr-Moson-Sopron County, Bács-Kiskun County", datetime.datetime(2027, 6, 1), None, "", "",
     "EU research and development funds, Interreg", "", "research cooperation across borders"],
    ["Influence in Europe", 4, "", "", "", "", "", None, None, "", "", "", "", ""],
])

# A formula in a cell: refused, never run.
workbook("formula.xlsx", [
    EN,
    ["Goal with a formula", "1", "Initiative", "Owner", "", "", "", "2027-03-01", "=DATE(2029,12,31)", "", "", "",
     "=HYPERLINK(\"http://example.com\")", "staff exchange"],
])

# A zip file that is not a workbook.
with zipfile.ZipFile("not_a_workbook.xlsx", "w") as archive:
    archive.writestr("hello.txt", "not a spreadsheet")
