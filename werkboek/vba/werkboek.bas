Attribute VB_Name = "werkboek"
Option Explicit

' The buttons on the Dossier sheet call the four public macros below. Each runs one function
' of the Python module werkboek.excel through the xlwings add-in. The add-in is called late-bound
' (by name): the workbook has no reference to it, so a missing add-in gives a message, not a
' compile error. The Python command is a fixed text: nothing a worker typed goes into it (Python
' reads the chosen meeting from the sheet itself). Messages are Dutch; see installatie-windows.md.

Private Const ADDIN As String = "xlwings.xlam"
Private Const HULP As String = "Vraag het aan je IT-dienst: de handleiding 'installatie-windows' bij werkboek " & _
    "zegt hoe, en het commando 'werkboek excel-check' toont wat er op deze pc ontbreekt."

Public Sub Controleer()
    RunWerkboek "werkboek.excel.controleer"
End Sub

Public Sub VerslagNetwerkberaad()
    RunWerkboek "werkboek.excel.verslag_netwerkberaad"
End Sub

Public Sub Eindevaluatie()
    RunWerkboek "werkboek.excel.eindevaluatie"
End Sub

Public Sub Veiligheidsplan()
    RunWerkboek "werkboek.excel.veiligheidsplan"
End Sub

Private Sub RunWerkboek(ByVal functie As String)
    Dim probleem As String, resultaat As Variant
    If Not AddinGeladen() Then
        Melding "De xlwings-invoegtoepassing is niet geladen in Excel. Zonder die invoegtoepassing " & _
            "kunnen de knoppen Python niet starten."
        Exit Sub
    End If
    probleem = PythonOntbreekt()
    If probleem <> "" Then
        Melding probleem
        Exit Sub
    End If
    On Error GoTo Mislukt
    resultaat = Application.Run("'" & ADDIN & "'!RunPython", "import werkboek.excel; " & functie & "()")
    On Error GoTo 0
    ' RunPython gives -1 when Python itself failed (werkboek not installed, for example); xlwings
    ' has then shown its technical message. werkboek's own errors are shown by Python in Dutch.
    If IsNumeric(resultaat) Then
        If resultaat = -1 Then
            Melding "Python kon werkboek niet uitvoeren (zie de technische melding hiervoor). " & _
                "Meestal is werkboek niet geïnstalleerd voor de Python die Excel gebruikt."
        End If
    End If
    Exit Sub
Mislukt:
    Melding "Excel kon Python niet starten via de xlwings-invoegtoepassing." & vbCrLf & _
        "(Technische melding: " & Err.Description & ")"
End Sub

Private Function AddinGeladen() As Boolean
    ' A loaded add-in is an (invisible) open workbook.
    Dim boek As Workbook
    On Error Resume Next
    Set boek = Workbooks(ADDIN)
    AddinGeladen = Not boek Is Nothing
End Function

Private Function PythonOntbreekt() As String
    ' Windows: does the interpreter xlwings will start exist? Only a sure "no" gives a message;
    ' anything this check cannot read is left to xlwings.
#If Mac Then
    PythonOntbreekt = ""
#Else
    Dim interpreter As String
    On Error GoTo Onbekend
    If CStr(Application.Run("'" & ADDIN & "'!GetConfig", "CONDA PATH", "")) <> "" Then Exit Function
    interpreter = CStr(Application.Run("'" & ADDIN & "'!GetConfig", "INTERPRETER_WIN", ""))
    If interpreter = "" Then interpreter = CStr(Application.Run("'" & ADDIN & "'!GetConfig", "INTERPRETER", "python"))
    If InStr(interpreter, "\") > 0 Then
        If Dir(interpreter) = "" Then
            PythonOntbreekt = "Python is niet gevonden op de plaats die in de xlwings-instellingen staat " & _
                "(het verborgen blad xlwings.conf van deze werkmap, of xlwings.conf van de gebruiker):" & _
                vbCrLf & interpreter & vbCrLf & "Meestal is werkboek op deze pc nog niet geïnstalleerd."
        End If
    ElseIf Not OpZoekpad(interpreter & ".exe") Then
        PythonOntbreekt = "Python is niet geïnstalleerd op deze pc (of staat niet in het zoekpad PATH)."
    End If
Onbekend:
#End If
End Function

Private Function OpZoekpad(ByVal bestand As String) As Boolean
    Dim map As Variant
    For Each map In Split(Environ("PATH"), ";")
        If Len(map) > 0 Then
            If Len(Dir(map & "\" & bestand)) > 0 Then
                OpZoekpad = True
                Exit Function
            End If
        End If
    Next
End Function

Private Sub Melding(ByVal tekst As String)
    MsgBox tekst & vbCrLf & vbCrLf & HULP, vbExclamation, "werkboek"
End Sub
