# Signs the .msi in target/installer with the Authenticode certificate in the secrets (a base64
# PFX and its password) and a timestamp, then verifies the signature. The release workflow runs it
# only when WINDOWS_CERTIFICATE is set. The launchers inside the .msi stay unsigned: JDK 17's
# jpackage has no hook to sign them before WiX packs them.
$ErrorActionPreference = 'Stop'
if (-not $env:WINDOWS_CERTIFICATE) { throw 'WINDOWS_CERTIFICATE is not set' }
$timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }

$msi = @(Get-ChildItem 'target/installer/*.msi')
if ($msi.Count -ne 1) { throw "expected one .msi in target/installer, found $($msi.Count)" }
$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
  Sort-Object FullName | Select-Object -Last 1
if (-not $signtool) { throw 'signtool.exe not found (Windows 10 SDK)' }

$pfx = Join-Path $env:RUNNER_TEMP 'tokendesk-signing.pfx'
try {
  [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
  & $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD /fd SHA256 /tr $timestamp /td SHA256 /d TokenDesk $msi[0].FullName
  if ($LASTEXITCODE -ne 0) { throw 'signtool sign failed' }
} finally {
  Remove-Item -Force -ErrorAction SilentlyContinue $pfx
}
& $signtool.FullName verify /pa $msi[0].FullName
if ($LASTEXITCODE -ne 0) { throw 'the signature does not verify' }
Write-Output "sign: $($msi[0].Name) signed"
