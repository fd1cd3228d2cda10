@echo off
rem Runs TokenDesk from a build: no arguments opens the window, "check TOKEN..." is the command line.
rem TOKENDESK_JAVA_OPTS adds JVM options; JAVA_HOME picks the JDK (17 or later).
setlocal
set "APP_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
rem Command-line runs last a second: the quick JIT tier alone gets them done sooner; the window keeps both tiers.
set "MODE_OPTS="
if not "%~1"=="" set "MODE_OPTS=-XX:TieredStopAtLevel=1"
"%JAVA%" @JVM_OPTIONS@ %MODE_OPTS% %TOKENDESK_JAVA_OPTS% -cp "%APP_HOME%\lib\*" org.tokendesk.Main %*
exit /b %ERRORLEVEL%
