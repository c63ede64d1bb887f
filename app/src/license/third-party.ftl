<#-- Bundled libraries for the About dialog, one per line: groupId:artifactId:version|name|licences|url -->
<#list dependencyMap as e>
<#assign p = e.getKey()/>
${p.groupId}:${p.artifactId}:${p.version}|${(p.name?has_content && !p.name?contains("Unnamed"))?then(p.name, p.artifactId)}|<#list e.getValue() as l>${l}<#sep>; </#sep></#list>|${p.url!""}
</#list>
