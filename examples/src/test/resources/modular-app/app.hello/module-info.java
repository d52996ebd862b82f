// A minimal application on the module path, as a user would write it.
module app.hello {
    requires io.gannet.core;
    requires io.gannet.patterns;
    requires io.gannet.transports;
}
