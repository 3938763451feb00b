// Below the floor the user reads what to change, not a linkage error from deep inside JUnit.
def log = new File(basedir, 'build.log').text
assert log.contains('cpcheck-junit5 needs JUnit Jupiter 5.10 or newer')
assert log.contains('found junit-jupiter-api 5.9.3')
assert !log.contains('NoSuchMethodError')
assert !log.contains('NoClassDefFoundError')
