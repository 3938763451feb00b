// Both test classes ran (the README's and the fault-mode one) and passed.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
