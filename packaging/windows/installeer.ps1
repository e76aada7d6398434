<#
.SYNOPSIS
    Installeert, vernieuwt of verwijdert werkboek op deze pc, voor alle gebruikers.

.DESCRIPTION
    Voor de IT-dienst: één keer per pc, als beheerder (Intune, SCCM, Configuration Manager of met
    de hand). Zonder internet en zonder Excel; er is geen stap per gebruiker.

    1. Zoekt een Python 3.11, 3.12 of 3.13 (64-bit) die voor alle gebruikers geïnstalleerd is.
       Is er geen, dan installeert het de installer uit de map python\ van de bundel (of die van
       -PythonInstaller) stil voor alle gebruikers.
    2. Maakt een eigen Python-omgeving in de doelmap (standaard C:\Program Files\werkboek) en
       installeert daarin werkboek en alles wat het nodig heeft uit wheelhouse\, offline en elk
       bestand gecontroleerd tegen zijn sha256 in requirements.lock (pip --require-hashes).
    3. Zet de xlwings-invoegtoepassing van die omgeving in de XLSTART-map van Excel voor alle
       gebruikers, zet de map bin van werkboek in het systeempad (het commando werkboek) en
       registreert werkboek bij Apps en onderdelen (met verwijderen).

    Opnieuw uitvoeren met een nieuwere bundel vernieuwt werkboek. Wat het script doet, staat ook
    in %ProgramData%\werkboek\installeer-*.log. Uitleg: handleiding\installatie-windows.md.

    Exitcodes: 0 klaar; 1 mislukt (zie het logboek); 2 geen beheerdersrechten; 3 geen geschikte
    Python en geen installer; 4 een bestand is in gebruik (sluit Excel en probeer opnieuw).

.PARAMETER Doelmap
    Waar werkboek komt (standaard: C:\Program Files\werkboek). De werkmappen van werkboek starten
    %ProgramW6432%\werkboek\Scripts\pythonw.exe; kies je een andere map, maak ze dan met
    werkboek nieuw --python-voor-excel.

.PARAMETER PythonInstaller
    De installer van python.org (64-bit), als er nog geen Python 3.11-3.13 voor alle gebruikers is.

.PARAMETER Verwijder
    Verwijder werkboek: de omgeving, de invoegtoepassing (alleen als het de onze is), het pad en de
    registratie. Python zelf blijft staan.

.PARAMETER GeenPad
    Zet de map bin van werkboek niet in het systeempad.

.EXAMPLE
    installeer.cmd

.EXAMPLE
    installeer.cmd -PythonInstaller D:\Software\python-3.12.10-amd64.exe

.EXAMPLE
    "C:\Program Files\werkboek\installeer.cmd" -Verwijder
#>
[CmdletBinding()]
param(
    [string]$Doelmap = '',
    [string]$PythonInstaller = '',
    [switch]$Verwijder,
    [switch]$GeenPad
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$EXIT_OK = 0
$EXIT_FAILED = 1
$EXIT_NOT_ADMIN = 2
$EXIT_NO_PYTHON = 3
$EXIT_IN_USE = 4

$Bundel = $PSScriptRoot
$Bit64 = $env:ProgramW6432
if (-not $Bit64) { $Bit64 = $env:ProgramFiles }
if (-not $Doelmap) { $Doelmap = Join-Path $Bit64 'werkboek' }
$Doelmap = $Doelmap.TrimEnd('\')
$UninstallKey = 'SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\werkboek'
$Record = Join-Path $Doelmap 'werkboek-installatie.json'

# Intune and some deployment tools start scripts in 32-bit PowerShell, where Program Files and
# the registry are redirected: start again in 64-bit PowerShell, with the same parameters.
if ($env:PROCESSOR_ARCHITEW6432 -eq 'AMD64') {
    $ps64 = Join-Path $env:WINDIR 'SysNative\WindowsPowerShell\v1.0\powershell.exe'
    $arguments = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', $PSCommandPath)
    if ($PSBoundParameters.ContainsKey('Doelmap')) { $arguments += @('-Doelmap', $Doelmap) }
    if ($PythonInstaller) { $arguments += @('-PythonInstaller', $PythonInstaller) }
    if ($Verwijder) { $arguments += '-Verwijder' }
    if ($GeenPad) { $arguments += '-GeenPad' }
    & $ps64 @arguments
    exit $LASTEXITCODE
}

function Write-Stap([string]$Tekst) {
    Write-Output ("{0:HH:mm:ss} {1}" -f (Get-Date), $Tekst)
}

function Stop-Met([int]$Code, [string]$Tekst) {
    Write-Output "MISLUKT: $Tekst"
    throw "werkboek-exit:$Code"
}

function Test-Beheerder {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    return $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

function Open-Register64([string]$Pad, [bool]$Schrijven) {
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine,
        [Microsoft.Win32.RegistryView]::Registry64)
    if ($Schrijven) { return $base.CreateSubKey($Pad) }
    return $base.OpenSubKey($Pad)
}

function Get-PythonVoorIedereen {
    # PEP 514: an all-users Python registers under HKLM\SOFTWARE\Python\PythonCore\3.X.
    foreach ($versie in @('3.13', '3.12', '3.11')) {
        $key = Open-Register64 "SOFTWARE\Python\PythonCore\$versie\InstallPath" $false
        if ($null -eq $key) { continue }
        $exe = $key.GetValue('ExecutablePath')
        if (-not $exe) {
            $map = $key.GetValue('')
            if ($map) { $exe = Join-Path $map 'python.exe' }
        }
        $key.Close()
        if ($exe -and (Test-Path -LiteralPath $exe)) {
            $bits = & $exe -c "import struct, sys; print(struct.calcsize('P') * 8)"
            if ($LASTEXITCODE -eq 0 -and "$bits".Trim() -eq '64') { return $exe }
        }
    }
    return $null
}

function Install-Python {
    $installer = $PythonInstaller
    if (-not $installer) {
        $found = Get-ChildItem -Path (Join-Path $Bundel 'python') -Filter 'python-3.1*-amd64.exe' -ErrorAction SilentlyContinue |
            Where-Object { $_.Name -match '^python-3\.1[123]\.\d+-amd64\.exe$' } | Sort-Object Name -Descending |
            Select-Object -First 1
        if ($found) { $installer = $found.FullName }
    }
    if (-not $installer -or -not (Test-Path -LiteralPath $installer)) {
        Stop-Met $EXIT_NO_PYTHON ("Er staat geen Python 3.11-3.13 (64-bit) voor alle gebruikers op deze pc, en er is " +
            "geen installer. Zet de installer van python.org (Windows installer 64-bit) in de map python van de " +
            "bundel, of geef -PythonInstaller PAD.")
    }
    $handtekening = Get-AuthenticodeSignature -LiteralPath $installer
    if ($handtekening.Status -ne 'Valid' -or $handtekening.SignerCertificate.Subject -notmatch 'Python Software Foundation') {
        Stop-Met $EXIT_FAILED "De installer $installer is niet ondertekend door de Python Software Foundation."
    }
    Write-Stap "Python installeren voor alle gebruikers: $installer"
    $opties = @('/quiet', 'InstallAllUsers=1', 'PrependPath=0', 'Include_launcher=1', 'InstallLauncherAllUsers=1',
        'Include_test=0', 'Include_doc=0', 'Include_tcltk=0', 'Shortcuts=0', 'AssociateFiles=0', 'CompileAll=1')
    $proces = Start-Process -FilePath $installer -ArgumentList $opties -Wait -PassThru
    if ($proces.ExitCode -ne 0 -and $proces.ExitCode -ne 3010) {
        Stop-Met $EXIT_FAILED "De Python-installer stopte met code $($proces.ExitCode)."
    }
    $python = Get-PythonVoorIedereen
    if (-not $python) { Stop-Met $EXIT_FAILED 'Python is geïnstalleerd, maar niet gevonden in het register.' }
    return $python
}

function Get-ExcelXlstart {
    # Excel's own folder as Windows registers it; XLSTART there opens for every user.
    foreach ($view in @([Microsoft.Win32.RegistryView]::Registry64, [Microsoft.Win32.RegistryView]::Registry32)) {
        $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, $view)
        $key = $base.OpenSubKey('SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe')
        if ($null -ne $key) {
            $exe = $key.GetValue('')
            $key.Close()
            if ($exe -and (Test-Path -LiteralPath $exe)) { return (Join-Path (Split-Path -Parent $exe) 'XLSTART') }
        }
    }
    # No Excel yet: Microsoft 365's folder, where a later Click-to-Run install finds it.
    Write-Stap 'Excel is niet gevonden; de invoegtoepassing komt in de map van Microsoft 365.'
    return (Join-Path $Bit64 'Microsoft Office\root\Office16\XLSTART')
}

function Test-InGebruik([string]$Pad) {
    if (-not (Test-Path -LiteralPath $Pad)) { return $false }
    try {
        $stream = [System.IO.File]::Open($Pad, 'Open', 'ReadWrite', 'None')
        $stream.Close()
        return $false
    } catch {
        return $true
    }
}

function Stop-WerkboekProcessen {
    # The xlwings UDF server (pythonw.exe from our folder) of any logged-on user: Excel starts it
    # again at the next click.
    Get-Process -ErrorAction SilentlyContinue | Where-Object {
        $_.Path -and $_.Path.StartsWith("$Doelmap\", [StringComparison]::OrdinalIgnoreCase)
    } | ForEach-Object {
        Write-Stap "Stoppen: $($_.Path) (proces $($_.Id))"
        Stop-Process -Id $_.Id -Force -ErrorAction SilentlyContinue
    }
    Start-Sleep -Seconds 1
}

function Set-Systeempad([bool]$Erbij) {
    $bin = Join-Path $Doelmap 'bin'
    $key = Open-Register64 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment' $true
    # Raw (unexpanded) value, written back as REG_EXPAND_SZ: %SystemRoot% and friends stay as they were.
    $oud = $key.GetValue('Path', '', [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
    $delen = @($oud -split ';' | Where-Object { $_ -and ($_.TrimEnd('\') -ne $bin) })
    if ($Erbij) { $delen += $bin }
    $nieuw = ($delen -join ';')
    if ($nieuw -ne $oud) {
        $key.SetValue('Path', $nieuw, [Microsoft.Win32.RegistryValueKind]::ExpandString)
        Write-Stap ($(if ($Erbij) { "Systeempad: $bin erbij (voor nieuwe aanmeldingen)" } else { "Systeempad: $bin eruit" }))
    }
    $key.Close()
}

function Read-Versie([string]$Lock, [string]$Naam) {
    $regel = Select-String -LiteralPath $Lock -Pattern "^$Naam==([^ ;\\]+)" | Select-Object -First 1
    if ($null -eq $regel) { return '' }
    return $regel.Matches[0].Groups[1].Value
}

function Install-Werkboek {
    $lock = Join-Path $Bundel 'requirements.lock'
    $wheelhouse = Join-Path $Bundel 'wheelhouse'
    if (-not (Test-Path -LiteralPath $lock) -or -not (Test-Path -LiteralPath $wheelhouse)) {
        Stop-Met $EXIT_FAILED "Dit is geen volledige werkboek-bundel: requirements.lock of wheelhouse ontbreekt in $Bundel."
    }
    $versie = Read-Versie $lock 'werkboek'
    Write-Stap "werkboek $versie installeren in $Doelmap (bundel: $Bundel)"

    $xlstart = Get-ExcelXlstart
    $addin = Join-Path $xlstart 'xlwings.xlam'
    if (Test-InGebruik $addin) {
        Stop-Met $EXIT_IN_USE "$addin is in gebruik: Excel is open. Sluit Excel (bij alle gebruikers) en voer dit opnieuw uit."
    }

    $python = Get-PythonVoorIedereen
    $pythonGeinstalleerd = $false
    if (-not $python) {
        $python = Install-Python
        $pythonGeinstalleerd = $true
    }
    Write-Stap "Python: $python"

    Stop-WerkboekProcessen
    if (Test-Path -LiteralPath $Doelmap) {
        Write-Stap "Vorige installatie weghalen: $Doelmap"
        try {
            Remove-Item -LiteralPath $Doelmap -Recurse -Force
        } catch {
            Stop-Met $EXIT_IN_USE "$Doelmap kan niet weg ($($_.Exception.Message)). Sluit Excel en voer dit opnieuw uit."
        }
    }
    & $python -m venv $Doelmap
    if ($LASTEXITCODE -ne 0) { Stop-Met $EXIT_FAILED "De Python-omgeving in $Doelmap kon niet gemaakt worden." }
    $venvPython = Join-Path $Doelmap 'Scripts\python.exe'

    # Offline, and every file checked against its hash; no pip.ini or user site of this PC interferes.
    $env:PIP_CONFIG_FILE = 'NUL'
    $env:PYTHONNOUSERSITE = '1'
    & $venvPython -m pip install --no-index --find-links $wheelhouse --require-hashes '--only-binary=:all:' `
        --no-cache-dir --disable-pip-version-check --no-warn-script-location -r $lock
    if ($LASTEXITCODE -ne 0) { Stop-Met $EXIT_FAILED 'pip kon werkboek niet installeren uit de bundel (zie hierboven).' }
    $xlwings = & $venvPython -c "import werkboek.excel, xlwings; print(xlwings.__version__)"
    if ($LASTEXITCODE -ne 0) { Stop-Met $EXIT_FAILED 'werkboek is geïnstalleerd maar laadt niet (zie hierboven).' }
    $xlwings = "$xlwings".Trim()
    Write-Stap "werkboek laadt; xlwings $xlwings"

    # The add-in of the xlwings just installed: package and add-in are always the same version.
    $bron = Join-Path $Doelmap 'Lib\site-packages\xlwings\addin\xlwings.xlam'
    New-Item -ItemType Directory -Force -Path $xlstart | Out-Null
    try {
        Copy-Item -LiteralPath $bron -Destination $addin -Force
    } catch {
        Stop-Met $EXIT_IN_USE "De invoegtoepassing kon niet naar $addin ($($_.Exception.Message)). Sluit Excel en voer dit opnieuw uit."
    }
    Write-Stap "Invoegtoepassing voor alle gebruikers: $addin"

    # The command werkboek for IT and the coordinator, without putting this Python itself on the path.
    $bin = Join-Path $Doelmap 'bin'
    New-Item -ItemType Directory -Force -Path $bin | Out-Null
    Set-Content -LiteralPath (Join-Path $bin 'werkboek.cmd') -Encoding Ascii -Value '@"%~dp0..\Scripts\werkboek.exe" %*'
    if (-not $GeenPad) { Set-Systeempad $true }

    Copy-Item -LiteralPath $PSCommandPath -Destination (Join-Path $Doelmap 'installeer.ps1') -Force
    Copy-Item -LiteralPath (Join-Path $Bundel 'installeer.cmd') -Destination (Join-Path $Doelmap 'installeer.cmd') -Force
    $handleiding = Join-Path $Bundel 'handleiding'
    if (Test-Path -LiteralPath $handleiding) {
        Copy-Item -LiteralPath $handleiding -Destination (Join-Path $Doelmap 'handleiding') -Recurse -Force
    }

    $gegevens = [ordered]@{
        werkboek = $versie; xlwings = $xlwings; python = $python; python_door_script = $pythonGeinstalleerd
        invoegtoepassing = $addin; invoegtoepassing_sha256 = (Get-FileHash -LiteralPath $addin -Algorithm SHA256).Hash
        systeempad = (-not $GeenPad); bundel = $Bundel; datum = (Get-Date).ToString('s')
    }
    $gegevens | ConvertTo-Json | Set-Content -LiteralPath $Record -Encoding UTF8

    $key = Open-Register64 $UninstallKey $true
    $verwijder = "`"$env:WINDIR\System32\WindowsPowerShell\v1.0\powershell.exe`" -NoProfile -ExecutionPolicy Bypass " +
        "-File `"$Doelmap\installeer.ps1`" -Verwijder"
    $key.SetValue('DisplayName', 'werkboek')
    $key.SetValue('DisplayVersion', $versie)
    $key.SetValue('Publisher', 'werkboek')
    $key.SetValue('InstallLocation', $Doelmap)
    $key.SetValue('UninstallString', $verwijder)
    $key.SetValue('QuietUninstallString', $verwijder)
    $key.SetValue('NoModify', 1, [Microsoft.Win32.RegistryValueKind]::DWord)
    $key.SetValue('NoRepair', 1, [Microsoft.Win32.RegistryValueKind]::DWord)
    $kb = [int]((Get-ChildItem -LiteralPath $Doelmap -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1024)
    $key.SetValue('EstimatedSize', $kb, [Microsoft.Win32.RegistryValueKind]::DWord)
    $key.Close()
    Write-Stap "Klaar: werkboek $versie, xlwings $xlwings. Controle: `"$Doelmap\Scripts\werkboek.exe`" excel-check"
}

function Uninstall-Werkboek {
    Write-Stap "werkboek verwijderen uit $Doelmap"
    Stop-WerkboekProcessen
    $gegevens = $null
    if (Test-Path -LiteralPath $Record) { $gegevens = Get-Content -LiteralPath $Record -Raw | ConvertFrom-Json }
    if ($null -ne $gegevens -and (Test-Path -LiteralPath $gegevens.invoegtoepassing)) {
        $addin = $gegevens.invoegtoepassing
        if ((Get-FileHash -LiteralPath $addin -Algorithm SHA256).Hash -eq $gegevens.invoegtoepassing_sha256) {
            if (Test-InGebruik $addin) { Stop-Met $EXIT_IN_USE "$addin is in gebruik: sluit Excel en voer dit opnieuw uit." }
            Remove-Item -LiteralPath $addin -Force
            Write-Stap "Invoegtoepassing weg: $addin"
        } else {
            Write-Stap "$addin is niet die van werkboek (een andere versie): blijft staan."
        }
    }
    Set-Systeempad $false
    $base = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine,
        [Microsoft.Win32.RegistryView]::Registry64)
    $base.DeleteSubKeyTree($UninstallKey, $false)
    if (Test-Path -LiteralPath $Doelmap) {
        Set-Location -LiteralPath $env:TEMP  # not inside the folder that goes
        try {
            Remove-Item -LiteralPath $Doelmap -Recurse -Force
        } catch {
            Stop-Met $EXIT_IN_USE "$Doelmap kan niet weg ($($_.Exception.Message)). Sluit Excel en voer dit opnieuw uit."
        }
    }
    if ($null -ne $gegevens -and $gegevens.python_door_script) {
        Write-Stap "Python ($($gegevens.python)) blijft staan; verwijder het zo nodig via Apps en onderdelen."
    }
    Write-Stap 'werkboek is verwijderd.'
}

$logmap = Join-Path $env:ProgramData 'werkboek'
New-Item -ItemType Directory -Force -Path $logmap | Out-Null
$log = Join-Path $logmap ("installeer-{0:yyyyMMdd-HHmmss}.log" -f (Get-Date))
Start-Transcript -LiteralPath $log -Force | Out-Null
$code = $EXIT_OK
try {
    if (-not (Test-Beheerder)) {
        Stop-Met $EXIT_NOT_ADMIN 'Dit script heeft beheerdersrechten nodig (als beheerder uitvoeren, of als SYSTEM via Intune/SCCM).'
    }
    if ($Verwijder) { Uninstall-Werkboek } else { Install-Werkboek }
} catch {
    $bericht = $_.Exception.Message
    if ($bericht -match '^werkboek-exit:(\d+)$') {
        $code = [int]$Matches[1]
    } else {
        Write-Output "MISLUKT: $bericht"
        $code = $EXIT_FAILED
    }
} finally {
    Stop-Transcript | Out-Null
}
exit $code
