Attribute VB_Name = "Jaarcijfers"
Option Explicit

' The buttons of the coordinator workbook Jaarcijfers.xlsm. "Kies map...", "Kies sleutel..." and
' "Nieuwe sleutel maken..." only put the path chosen in Excel's own dialog into a cell of this
' sheet. "Jaarcijfers maken" and the key button then run one fixed Python call each through the
' xlwings add-in (called late-bound, by name); Python reads the folder, year, key and threshold
' from the sheet itself, so nothing typed here becomes code.

Private Const ADDIN As String = "xlwings.xlam"
Private Const BLAD As String = "Jaarcijfers"

Public Sub KiesMap()
    Dim keuze As String
    keuze = Kies(4, "Kies de map met de werkmappen van het jaar")  ' 4: msoFileDialogFolderPicker
    If keuze <> "" Then Zet "B4", keuze
End Sub

Public Sub KiesSleutel()
    Dim keuze As String
    keuze = Kies(3, "Kies het sleutelbestand voor de pseudoniemen")  ' 3: msoFileDialogFilePicker
    If keuze <> "" Then Zet "B6", keuze
End Sub

Public Sub SleutelMaken()
    ' Excel's own save dialog picks the new file's place; Python makes the key there (never over
    ' an existing file) and says where it is.
    Dim keuze As Variant
    keuze = Application.GetSaveAsFilename(InitialFileName:="jaarcijfers.sleutel", _
        FileFilter:="Sleutelbestand (*.sleutel), *.sleutel", Title:="Waar komt de nieuwe sleutel?")
    If VarType(keuze) = vbBoolean Then Exit Sub  ' Annuleren
    Zet "B6", CStr(keuze)
    StartPython "import werkboek.excel; werkboek.excel.sleutel_maken()"
End Sub

Public Sub MaakJaarcijfers()
    StartPython "import werkboek.excel; werkboek.excel.jaarcijfers()"
End Sub

Private Sub StartPython(ByVal opdracht As String)
    Dim boek As Workbook
    On Error Resume Next
    Set boek = Workbooks(ADDIN)
    On Error GoTo 0
    If boek Is Nothing Then
        MsgBox "De xlwings-invoegtoepassing is niet geladen in Excel. Zonder die invoegtoepassing " & _
            "kan deze knop Python niet starten. Het commando 'werkboek excel-check' toont wat ontbreekt " & _
            "(de handleiding 'installatie-windows' bij werkboek zegt hoe); je kan de jaarcijfers ook " & _
            "maken met 'werkboek jaarcijfers MAP'.", vbExclamation, "werkboek"
        Exit Sub
    End If
    On Error GoTo Mislukt
    Application.Run "'" & ADDIN & "'!RunPython", opdracht
    Exit Sub
Mislukt:
    MsgBox "Excel kon Python niet starten via de xlwings-invoegtoepassing." & vbCrLf & _
        "(Technische melding: " & Err.Description & ")", vbExclamation, "werkboek"
End Sub

Private Function Kies(ByVal soort As Long, ByVal titel As String) As String
    Dim dialoog As Object
    Set dialoog = Application.FileDialog(soort)
    dialoog.Title = titel
    dialoog.AllowMultiSelect = False
    If dialoog.Show = -1 Then Kies = dialoog.SelectedItems(1)
End Function

Private Sub Zet(ByVal cel As String, ByVal pad As String)
    ' The cells are formatted as text, so a path is stored as it is.
    ThisWorkbook.Worksheets(BLAD).Range(cel).Value = pad
End Sub
