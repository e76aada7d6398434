Attribute VB_Name = "werkboek"
Option Explicit

' The buttons on the Dossier sheet call these macros. Each one runs a function of the Python
' module werkboek.excel through the xlwings add-in. The add-in is called late-bound (by name),
' so the workbook has no VBA reference to it and a missing add-in gives a clear message.

Public Sub Controleer()
    RunWerkboek "controleer"
End Sub

Public Sub VerslagNetwerkberaad()
    RunWerkboek "verslag_netwerkberaad"
End Sub

Public Sub Eindevaluatie()
    RunWerkboek "eindevaluatie"
End Sub

Private Sub RunWerkboek(ByVal functie As String)
    On Error GoTo Mislukt
    Application.Run "'xlwings.xlam'!RunPython", "import werkboek.excel; werkboek.excel." & functie & "()"
    Exit Sub
Mislukt:
    MsgBox "Deze knop werkt pas als Python, werkboek en de xlwings-invoegtoepassing " & _
        "op deze pc geïnstalleerd zijn." & vbCrLf & vbCrLf & _
        "Vraag het aan je IT-dienst: de handleiding staat in 'installatie-windows' " & _
        "bij werkboek. Zij kunnen met 'werkboek excel-check' nagaan wat ontbreekt." & vbCrLf & vbCrLf & _
        "(Technische melding: " & Err.Description & ")", vbExclamation, "werkboek"
End Sub
