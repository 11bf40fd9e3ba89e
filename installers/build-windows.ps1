# Builds the Windows desktop app, dist\prossimo\prossimo.exe, from installers\prossimo.spec
# (documented and scripted, not run here: it needs Windows). Same rules as build-linux.sh:
# a clean git tree, a build venv made from the lock with hashes checked, SOURCE_DATE_EPOCH
# from the last commit and PYTHONHASHSEED=0. It never signs: then pack it with Inno Setup
# (installers\windows\prossimo.iss) and sign with installers/windows/sign-windows.sh.
# The lock was compiled on Linux: on Windows, compile a win32 lock the same way first
# (installers/README.md), since a few packages differ by platform (uvloop, jeepney, pywin32-ctypes).
# Usage: powershell -ExecutionPolicy Bypass -File installers\build-windows.ps1 [-AllowDirty] [-Lock FILE]
param([switch]$AllowDirty, [string]$Lock = "")
$ErrorActionPreference = "Stop"

function Die($message) { Write-Error "build-windows.ps1: $message"; exit 1 }

$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
if (-not $Lock) { $Lock = Join-Path $Root "installers\requirements-build.lock" }
foreach ($tool in @("git", "py")) {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { Die "missing tool: $tool (install Git for Windows and Python 3.11 from python.org)" }
}
if (-not (Test-Path $Lock)) { Die "missing lock file $Lock" }
$dirty = git -C $Root status --porcelain --untracked-files=normal
if ($dirty -and -not $AllowDirty) { Die "the git tree has uncommitted changes; commit them or pass -AllowDirty for a local test build" }
$version = & py -3.11 -c "import sys; print('%d.%d' % sys.version_info[:2])"
if ($LASTEXITCODE -ne 0 -or $version -ne "3.11") { Die "Python 3.11 is needed (py -3.11); the build lock is for it" }

$Venv = Join-Path $Root "build\venv"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
& py -3.11 -m venv $Venv
& "$Venv\Scripts\python.exe" -m pip install --quiet --no-deps --require-hashes -r $Lock
if ($LASTEXITCODE -ne 0) { Die "installing $Lock failed" }

$env:SOURCE_DATE_EPOCH = (git -C $Root log -1 --format=%ct)
$env:PYTHONHASHSEED = "0"
Push-Location $Root
try {
    & "$Venv\Scripts\pyinstaller.exe" --noconfirm --clean --distpath dist --workpath build\pyinstaller installers\prossimo.spec
    if ($LASTEXITCODE -ne 0) { Die "PyInstaller failed" }
    & "$Venv\Scripts\python.exe" installers\size_report.py dist\prossimo
    Write-Output "Built dist\prossimo\prossimo.exe; pack it with Inno Setup: iscc installers\windows\prossimo.iss"
} finally { Pop-Location }
