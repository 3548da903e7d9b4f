/*
 * The JNI side of dev.knowledgerouter.code.syntax.TreeSitterNatives. The JVM opens a native library with its
 * symbols private to it; this library has to put its tree-sitter functions in front of the binding's own, which
 * is loaded after it, so it re-opens itself with RTLD_GLOBAL. The allocation counter lets the Java side check,
 * by creating a parser through the binding, that the binding's calls reached this library's core.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "tree_sitter/api.h"

static atomic_long allocations;

static void *counting_malloc(size_t size) {
  atomic_fetch_add(&allocations, 1);
  return malloc(size);
}

static void *counting_calloc(size_t count, size_t size) {
  atomic_fetch_add(&allocations, 1);
  return calloc(count, size);
}

static void *counting_realloc(void *pointer, size_t size) {
  atomic_fetch_add(&allocations, 1);
  return realloc(pointer, size);
}

JNIEXPORT jstring JNICALL Java_dev_knowledgerouter_code_syntax_TreeSitterNatives_shareSymbols(
    JNIEnv *env, jclass type, jstring path) {
  const char *file = (*env)->GetStringUTFChars(env, path, NULL);
  if (file == NULL) {
    return NULL;
  }
  void *handle = dlopen(file, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
  (*env)->ReleaseStringUTFChars(env, path, file);
  if (handle != NULL) {
    return NULL;
  }
  const char *reason = dlerror();
  return (*env)->NewStringUTF(env, reason != NULL ? reason : "dlopen failed");
}

JNIEXPORT void JNICALL Java_dev_knowledgerouter_code_syntax_TreeSitterNatives_countAllocations(
    JNIEnv *env, jclass type, jboolean on) {
  if (on) {
    ts_set_allocator(counting_malloc, counting_calloc, counting_realloc, free);
  } else {
    ts_set_allocator(NULL, NULL, NULL, NULL);
  }
}

JNIEXPORT jlong JNICALL Java_dev_knowledgerouter_code_syntax_TreeSitterNatives_allocations(
    JNIEnv *env, jclass type) {
  return (jlong)atomic_load(&allocations);
}
