@echo off
rem werkboek installeren, vernieuwen of verwijderen (als beheerder; voor Intune, SCCM of met de hand).
rem Alle opties gaan door naar installeer.ps1 ernaast, bv.: installeer.cmd -Verwijder
"%SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "%~dp0installeer.ps1" %*
exit /b %ERRORLEVEL%
