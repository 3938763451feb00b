// The three test classes ran and passed, and cpcheck logged through the SLF4J 1.7 API into the suite's
// 1.7 binding (slf4j-simple writes to stderr, which failsafe copies into the build log).
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('INFO dev.cpcheck.junit5.CpcheckSession - cpcheck: embedded stack ready in')
assert !log.contains('SLF4J: Defaulting to no-operation')
// the stack process's own lines, relayed into the suite's logging under their logger names
assert log.contains('INFO dev.cpcheck.emulator.LocalStack - Local stack ready in')
