package org.nslab.helper.kernel;

import org.nslab.helper.netlink.Message;

/** A netlink request and the object it concerns, so a refusal can say what it was about. */
public record Request(Message message, String object) {}
