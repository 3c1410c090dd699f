package org.nslab.gui.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The size {@link WindowFrame} shows a window test's window at, where the default of 1600 by 1000 does not suit it. */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface WindowSize {
    double width();

    double height();
}
