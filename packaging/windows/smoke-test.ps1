# Installs the .msi in target/installer silently (per machine, as a user would with the default
# folder), checks what packaging/windows/jpackage.options promises, runs the console launcher
# `tokendesk-cli --version`, uninstalls, and checks that nothing is left. Needs an administrator
# (the hosted runners are).
$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
Set-Location $root

$msi = @(Get-ChildItem 'target/installer/*.msi')
if ($msi.Count -ne 1) { throw "expected one .msi in target/installer, found $($msi.Count)" }
$msi = $msi[0].FullName
# The project's own version (pom.xml); `bash` here could be WSL's rather than Git's, so no script.
$version = ([xml](Get-Content 'pom.xml')).project.version
$options = Get-Content 'packaging/windows/jpackage.options'
$uuid = (($options | Select-String '^--win-upgrade-uuid (.+)$').Matches[0].Groups[1].Value).Trim()

function Msi-Property([string]$name) {
  $installer = New-Object -ComObject WindowsInstaller.Installer
  $db = $installer.GetType().InvokeMember('OpenDatabase', 'InvokeMethod', $null, $installer, @($msi, 0))
  $view = $db.GetType().InvokeMember('OpenView', 'InvokeMethod', $null, $db, @("SELECT Value FROM Property WHERE Property='$name'"))
  $view.GetType().InvokeMember('Execute', 'InvokeMethod', $null, $view, $null) | Out-Null
  $record = $view.GetType().InvokeMember('Fetch', 'InvokeMethod', $null, $view, $null)
  $value = $record.GetType().InvokeMember('StringData', 'GetProperty', $null, $record, 1)
  $view.GetType().InvokeMember('Close', 'InvokeMethod', $null, $view, $null) | Out-Null
  return $value
}

$upgrade = Msi-Property 'UpgradeCode'
if ($upgrade.Trim('{}').ToLower() -ne $uuid.ToLower()) { throw "UpgradeCode $upgrade is not $uuid" }
Write-Output "smoke-msi: UpgradeCode $upgrade, ProductVersion $(Msi-Property 'ProductVersion')"

function Run-Msiexec([string[]]$arguments, [string]$log) {
  $p = Start-Process msiexec.exe -ArgumentList ($arguments + @('/qn', '/norestart', '/l*v', $log)) -Wait -PassThru
  if ($p.ExitCode -ne 0) {
    Get-Content $log -Tail 40
    throw "msiexec $($arguments -join ' ') exited with $($p.ExitCode)"
  }
}

$logs = Join-Path $env:RUNNER_TEMP 'msi-logs'
New-Item -ItemType Directory -Force $logs | Out-Null
Run-Msiexec @('/i', "`"$msi`"") (Join-Path $logs 'install.log')
$dir = Join-Path $env:ProgramFiles 'TokenDesk'
$menu = Join-Path $env:ProgramData 'Microsoft\Windows\Start Menu\Programs\TokenDesk\TokenDesk.lnk'
foreach ($path in @("$dir\TokenDesk.exe", "$dir\tokendesk-cli.exe", "$dir\runtime\bin\java.dll", $menu)) {
  if (-not (Test-Path $path)) { throw "after install, $path is missing" }
}
$env:TOKENDESK_HOME = Join-Path $env:RUNNER_TEMP 'tokendesk-home'
$printed = (& "$dir\tokendesk-cli.exe" --version | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $printed -ne "TokenDesk $version") { throw "tokendesk-cli --version printed '$printed' (exit $LASTEXITCODE)" }
Write-Output "smoke-msi: tokendesk-cli --version -> $printed; Start menu shortcut present"

Run-Msiexec @('/x', "`"$msi`"") (Join-Path $logs 'uninstall.log')
foreach ($path in @("$dir\TokenDesk.exe", $menu)) {
  if (Test-Path $path) { throw "after uninstall, $path is still there" }
}
Write-Output 'smoke-msi: uninstalled; launcher and Start menu shortcut gone'
