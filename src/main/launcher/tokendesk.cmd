@echo off
rem Runs TokenDesk from a build: no arguments opens the window, "check TOKEN..." is the command line.
rem TOKENDESK_JAVA_OPTS adds JVM options; JAVA_HOME picks the JDK (17 or later).
setlocal
set "APP_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" @JVM_OPTIONS@ %TOKENDESK_JAVA_OPTS% -cp "%APP_HOME%\lib\*" org.tokendesk.Main %*
exit /b %ERRORLEVEL%
