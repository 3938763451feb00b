// Spring Boot 3.3's managed versions: the three test classes ran and passed, with no linkage error
// from a library whose version Boot chose.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert !log.contains('NoSuchMethodError')
assert !log.contains('NoClassDefFoundError')
assert !log.contains('AbstractMethodError')
